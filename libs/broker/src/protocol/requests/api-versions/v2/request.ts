// ApiVersions Request (Version: 2) =>

import { struct } from '../../../primitives';
import { apiVersionsRequestV1Fields } from '../v1/request';

export const apiVersionsRequestV2Fields = apiVersionsRequestV1Fields;

export const apiVersionsRequestV2 = struct(apiVersionsRequestV2Fields);
