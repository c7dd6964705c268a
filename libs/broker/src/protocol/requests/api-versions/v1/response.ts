// ApiVersions Response (Version: 1) => error_code [api_keys] throttle_time_ms
//   error_code => INT16
//   api_keys => api_key min_version max_version
//     api_key => INT16
//     min_version => INT16
//     max_version => INT16
//   throttle_time_ms => INT32

import { int32, struct } from '../../../primitives';
import { apiVersionsResponseV0Fields } from '../v0/response';

export const apiVersionsResponseV1Fields = {
  ...apiVersionsResponseV0Fields,
  throttleTimeMs: int32,
};

export const apiVersionsResponseV1 = struct(apiVersionsResponseV1Fields);
