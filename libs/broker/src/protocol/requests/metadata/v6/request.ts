// Metadata Request (Version: 6) => [topics] allow_auto_topic_creation
//   topics (nullable) => name
//     name => STRING
//   allow_auto_topic_creation => BOOLEAN

import { struct } from '../../../primitives';
import { metadataRequestV5Fields } from '../v5/request';

export const metadataRequestV6Fields = metadataRequestV5Fields;

export const metadataRequestV6 = struct(metadataRequestV6Fields);
