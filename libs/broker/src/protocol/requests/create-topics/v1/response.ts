// CreateTopics Response (Version: 1) => [topics]
//   topics => name error_code error_message
//     name => STRING
//     error_code => INT16
//     error_message => NULLABLE_STRING

import { array, int16, nullableString, string, struct } from '../../../primitives';

export const createTopicsResponseV1Fields = {
  topics: array(
    struct({
      name: string,
      errorCode: int16,
      errorMessage: nullableString,
    }),
  ),
};

export const createTopicsResponseV1 = struct(createTopicsResponseV1Fields);
