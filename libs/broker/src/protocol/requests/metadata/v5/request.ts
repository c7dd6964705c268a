// Metadata Request (Version: 5) => [topics] allow_auto_topic_creation
//   topics (nullable) => name
//     name => STRING
//   allow_auto_topic_creation => BOOLEAN

import { struct } from '../../../primitives';
import { metadataRequestV4Fields } from '../v4/request';

export const metadataRequestV5Fields = metadataRequestV4Fields;

export const metadataRequestV5 = struct(metadataRequestV5Fields);
