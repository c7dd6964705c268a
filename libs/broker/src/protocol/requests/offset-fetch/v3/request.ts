// OffsetFetch Request (Version: 3) => group_id [topics]
//   group_id => STRING
//   topics => name [partition_indexes]
//     name => STRING
//     partition_indexes => INT32
//   (topics may be null, v2+: every topic the group has committed offsets for)

import { struct } from '../../../primitives';
import { offsetFetchRequestV2Fields } from '../v2/request';

export const offsetFetchRequestV3Fields = offsetFetchRequestV2Fields;

export const offsetFetchRequestV3 = struct(offsetFetchRequestV3Fields);
