// OffsetFetch Request (Version: 4) => group_id [topics]
//   group_id => STRING
//   topics => name [partition_indexes]
//     name => STRING
//     partition_indexes => INT32
//   (topics may be null, v2+: every topic the group has committed offsets for)

import { struct } from '../../../primitives';
import { offsetFetchRequestV3Fields } from '../v3/request';

export const offsetFetchRequestV4Fields = offsetFetchRequestV3Fields;

export const offsetFetchRequestV4 = struct(offsetFetchRequestV4Fields);
