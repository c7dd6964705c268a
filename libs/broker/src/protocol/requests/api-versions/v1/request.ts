// ApiVersions Request (Version: 1) =>

import { struct } from '../../../primitives';
import { apiVersionsRequestV0Fields } from '../v0/request';

export const apiVersionsRequestV1Fields = apiVersionsRequestV0Fields;

export const apiVersionsRequestV1 = struct(apiVersionsRequestV1Fields);
