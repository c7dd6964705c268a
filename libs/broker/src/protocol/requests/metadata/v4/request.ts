// Metadata Request (Version: 4) => [topics] allow_auto_topic_creation
//   topics (nullable) => name
//     name => STRING
//   allow_auto_topic_creation => BOOLEAN

import { boolean, struct } from '../../../primitives';
import { metadataRequestV3Fields } from '../v3/request';

export const metadataRequestV4Fields = {
  ...metadataRequestV3Fields,
  allowAutoTopicCreation: boolean,
};

export const metadataRequestV4 = struct(metadataRequestV4Fields);
