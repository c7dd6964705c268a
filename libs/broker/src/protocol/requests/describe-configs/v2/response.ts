// DescribeConfigs Response (Version: 2) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => error_code error_message resource_type resource_name [configs]
//     error_code => INT16
//     error_message => NULLABLE_STRING
//     resource_type => INT8
//     resource_name => STRING
//     configs => name value read_only config_source is_sensitive [synonyms]
//       name => STRING
//       value => NULLABLE_STRING
//       read_only => BOOLEAN
//       config_source => INT8
//       is_sensitive => BOOLEAN
//       synonyms => name value source
//         name => STRING
//         value => NULLABLE_STRING
//         source => INT8

import { struct } from '../../../primitives';
import { describeConfigsResponseV1Fields } from '../v1/response';

/** The same grammar as v1 (v2 only changed when a throttled response is sent). */
export const describeConfigsResponseV2Fields = describeConfigsResponseV1Fields;

export const describeConfigsResponseV2 = struct(describeConfigsResponseV2Fields);
