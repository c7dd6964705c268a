// ApiVersions Request (Version: 0) =>

import { struct } from '../../../primitives';

export const apiVersionsRequestV0Fields = {};

export const apiVersionsRequestV0 = struct(apiVersionsRequestV0Fields);
