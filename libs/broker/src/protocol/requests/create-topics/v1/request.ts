// CreateTopics Request (Version: 1) => [topics] timeout_ms validate_only
//   topics => name num_partitions replication_factor [assignments] [configs]
//     name => STRING
//     num_partitions => INT32
//     replication_factor => INT16
//     assignments => partition_index [broker_ids]
//       partition_index => INT32
//       broker_ids => INT32
//     configs => name value
//       name => STRING
//       value => NULLABLE_STRING
//   timeout_ms => INT32
//   validate_only => BOOLEAN

import { boolean, struct } from '../../../primitives';
import { createTopicsRequestV0Fields } from '../v0/request';

export const createTopicsRequestV1Fields = {
  ...createTopicsRequestV0Fields,
  validateOnly: boolean,
};

export const createTopicsRequestV1 = struct(createTopicsRequestV1Fields);
