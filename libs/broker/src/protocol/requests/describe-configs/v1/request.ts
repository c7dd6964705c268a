// DescribeConfigs Request (Version: 1) => [resources] include_synonyms
//   resources => resource_type resource_name [configuration_keys]
//     resource_type => INT8
//     resource_name => STRING
//     configuration_keys => STRING
//   include_synonyms => BOOLEAN

import { boolean, struct } from '../../../primitives';
import { describeConfigsRequestV0Fields } from '../v0/request';

export const describeConfigsRequestV1Fields = {
  ...describeConfigsRequestV0Fields,
  includeSynonyms: boolean,
};

export const describeConfigsRequestV1 = struct(describeConfigsRequestV1Fields);
