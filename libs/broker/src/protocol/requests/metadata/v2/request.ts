// Metadata Request (Version: 2) => [topics]
//   topics (nullable) => name
//     name => STRING

import { struct } from '../../../primitives';
import { metadataRequestV1Fields } from '../v1/request';

export const metadataRequestV2Fields = metadataRequestV1Fields;

export const metadataRequestV2 = struct(metadataRequestV2Fields);
