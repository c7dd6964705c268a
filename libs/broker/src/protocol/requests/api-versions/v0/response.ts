// ApiVersions Response (Version: 0) => error_code [api_keys]
//   error_code => INT16
//   api_keys => api_key min_version max_version
//     api_key => INT16
//     min_version => INT16
//     max_version => INT16

import { array, int16, struct } from '../../../primitives';

export const apiVersionsResponseV0Fields = {
  errorCode: int16,
  apiKeys: array(
    struct({
      apiKey: int16,
      minVersion: int16,
      maxVersion: int16,
    }),
  ),
};

export const apiVersionsResponseV0 = struct(apiVersionsResponseV0Fields);
