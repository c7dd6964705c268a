// DescribeConfigs Response (Version: 0) => throttle_time_ms [results]
//   throttle_time_ms => INT32
//   results => error_code error_message resource_type resource_name [configs]
//     error_code => INT16
//     error_message => NULLABLE_STRING
//     resource_type => INT8
//     resource_name => STRING
//     configs => name value read_only is_default is_sensitive
//       name => STRING
//       value => NULLABLE_STRING
//       read_only => BOOLEAN
//       is_default => BOOLEAN
//       is_sensitive => BOOLEAN

import {
  array,
  boolean,
  int16,
  int32,
  int8,
  nullableString,
  string,
  struct,
} from '../../../primitives';

/** What a result says of its resource, before its configs (the same in every version). */
export const describeConfigsResultHeadFields = {
  errorCode: int16,
  errorMessage: nullableString,
  resourceType: int8,
  resourceName: string,
};

export const describeConfigsResponseV0Fields = {
  throttleTimeMs: int32,
  results: array(
    struct({
      ...describeConfigsResultHeadFields,
      configs: array(
        struct({
          name: string,
          value: nullableString,
          readOnly: boolean,
          isDefault: boolean,
          isSensitive: boolean,
        }),
      ),
    }),
  ),
};

export const describeConfigsResponseV0 = struct(describeConfigsResponseV0Fields);
