// ApiVersions Response (Version: 2) => error_code [api_keys] throttle_time_ms
//   error_code => INT16
//   api_keys => api_key min_version max_version
//     api_key => INT16
//     min_version => INT16
//     max_version => INT16
//   throttle_time_ms => INT32

import { struct } from '../../../primitives';
import { apiVersionsResponseV1Fields } from '../v1/response';

export const apiVersionsResponseV2Fields = apiVersionsResponseV1Fields;

export const apiVersionsResponseV2 = struct(apiVersionsResponseV2Fields);
