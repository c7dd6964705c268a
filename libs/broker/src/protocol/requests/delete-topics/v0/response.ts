// DeleteTopics Response (Version: 0) => [responses]
//   responses => name error_code
//     name => STRING
//     error_code => INT16

import { array, int16, string, struct } from '../../../primitives';

export const deleteTopicsResponseV0Fields = {
  responses: array(
    struct({
      name: string,
      errorCode: int16,
    }),
  ),
};

export const deleteTopicsResponseV0 = struct(deleteTopicsResponseV0Fields);
