// CreateTopics Request (Version: 3) => [topics] timeout_ms validate_only
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
import { createTopicsRequestV2Fields } from '../v2/request';

export const createTopicsRequestV3Fields = createTopicsRequestV2Fields;

export const createTopicsRequestV3 = struct(createTopicsRequestV3Fields);
