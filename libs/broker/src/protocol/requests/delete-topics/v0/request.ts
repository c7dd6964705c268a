// DeleteTopics Request (Version: 0) => [topic_names] timeout_ms
//   topic_names => STRING
//   timeout_ms => INT32

import { array, int32, string, struct } from '../../../primitives';

export const deleteTopicsRequestV0Fields = {
  topicNames: array(string),
  timeoutMs: int32,
};

export const deleteTopicsRequestV0 = struct(deleteTopicsRequestV0Fields);
