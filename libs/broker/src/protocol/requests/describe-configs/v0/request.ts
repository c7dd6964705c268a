// DescribeConfigs Request (Version: 0) => [resources]
//   resources => resource_type resource_name [configuration_keys]
//     resource_type => INT8
//     resource_name => STRING
//     configuration_keys => STRING

import { absent, array, int8, nullableArray, string, struct } from '../../../primitives';

export const describeConfigsRequestV0Fields = {
  resources: array(
    struct({
      resourceType: int8,
      resourceName: string,
      /** null: every config of the resource. */
      configurationKeys: nullableArray(string),
    }),
  ),
  includeSynonyms: absent(false),
};

export const describeConfigsRequestV0 = struct(describeConfigsRequestV0Fields);
