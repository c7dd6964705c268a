// CreateTopics Response (Version: 0) => [topics]
//   topics => name error_code
//     name => STRING
//     error_code => INT16

import { array, int16, string, struct } from '../../../primitives';

export const createTopicsResponseV0Fields = {
  topics: array(
    struct({
      name: string,
      errorCode: int16,
    }),
  ),
};

export const createTopicsResponseV0 = struct(createTopicsResponseV0Fields);
