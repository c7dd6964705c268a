// DeleteTopics Request (Version: 1) => [topic_names] timeout_ms
//   topic_names => STRING
//   timeout_ms => INT32

import { struct } from '../../../primitives';
import { deleteTopicsRequestV0Fields } from '../v0/request';

export const deleteTopicsRequestV1Fields = deleteTopicsRequestV0Fields;

export const deleteTopicsRequestV1 = struct(deleteTopicsRequestV1Fields);
