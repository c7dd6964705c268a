// CreatePartitions Request (Version: 1) => [topics] timeout_ms validate_only
//   topics => name count [assignments]
//     name => STRING
//     count => INT32
//     assignments => [broker_ids]
//       broker_ids => INT32
//   timeout_ms => INT32
//   validate_only => BOOLEAN

import { struct } from '../../../primitives';
import { createPartitionsRequestV0Fields } from '../v0/request';

export const createPartitionsRequestV1Fields = createPartitionsRequestV0Fields;

export const createPartitionsRequestV1 = struct(createPartitionsRequestV1Fields);
