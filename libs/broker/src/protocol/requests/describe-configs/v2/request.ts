// DescribeConfigs Request (Version: 2) => [resources] include_synonyms
//   resources => resource_type resource_name [configuration_keys]
//     resource_type => INT8
//     resource_name => STRING
//     configuration_keys => STRING
//   include_synonyms => BOOLEAN

import { struct } from '../../../primitives';
import { describeConfigsRequestV1Fields } from '../v1/request';

/** The same grammar as v1 (v2 only changed when a throttled response is sent). */
export const describeConfigsRequestV2Fields = describeConfigsRequestV1Fields;

export const describeConfigsRequestV2 = struct(describeConfigsRequestV2Fields);
