// Produce Request (Version: 4) => transactional_id acks timeout_ms [topic_data]
//   transactional_id => NULLABLE_STRING
//   acks => INT16
//   timeout_ms => INT32
//   topic_data => name [partition_data]
//     name => STRING
//     partition_data => index records
//       index => INT32
//       records => RECORDS

import { struct } from '../../../primitives';
import { produceRequestV3Fields } from '../v3/request';

export const produceRequestV4Fields = produceRequestV3Fields;

export const produceRequestV4 = struct(produceRequestV4Fields);
