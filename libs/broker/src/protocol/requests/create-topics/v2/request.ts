// CreateTopics Request (Version: 2) => [topics] timeout_ms validate_only
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

import { struct } from '../../../primitives';
import { createTopicsRequestV1Fields } from '../v1/request';

export const createTopicsRequestV2Fields = createTopicsRequestV1Fields;

export const createTopicsRequestV2 = struct(createTopicsRequestV2Fields);
