// Metadata Request (Version: 3) => [topics]
//   topics (nullable) => name
//     name => STRING

import { struct } from '../../../primitives';
import { metadataRequestV2Fields } from '../v2/request';

export const metadataRequestV3Fields = metadataRequestV2Fields;

export const metadataRequestV3 = struct(metadataRequestV3Fields);
