// DescribeConfigs Response (Version: 1) => throttle_time_ms [results]
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

import { array, boolean, int32, int8, nullableString, string, struct } from '../../../primitives';
import { describeConfigsResultHeadFields } from '../v0/response';

export const describeConfigsResponseV1Fields = {
  throttleTimeMs: int32,
  results: array(
    struct({
      ...describeConfigsResultHeadFields,
      configs: array(
        struct({
          name: string,
          value: nullableString,
          readOnly: boolean,
          configSource: int8,
          isSensitive: boolean,
          synonyms: array(struct({ name: string, value: nullableString, source: int8 })),
        }),
      ),
    }),
  ),
};

export const describeConfigsResponseV1 = struct(describeConfigsResponseV1Fields);
