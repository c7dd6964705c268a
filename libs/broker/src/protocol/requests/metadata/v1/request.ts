// Metadata Request (Version: 1) => [topics]
//   topics (nullable) => name
//     name => STRING

import { absent, nullableArray, string, struct } from '../../../primitives';

export const metadataRequestV1Fields = {
  /** null: every topic (v1+); an empty list: none. */
  topics: nullableArray(struct({ name: string })),
  /** Not on the wire before v4, where the broker always auto-created. */
  allowAutoTopicCreation: absent(true),
};

export const metadataRequestV1 = struct(metadataRequestV1Fields);
