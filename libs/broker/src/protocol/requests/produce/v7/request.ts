// Produce Request (Version: 7) => transactional_id acks timeout_ms [topic_data]
//   transactional_id => NULLABLE_STRING
//   acks => INT16
//   timeout_ms => INT32
//   topic_data => name [partition_data]
//     name => STRING
//     partition_data => index records
//       index => INT32
//       records => RECORDS

import { struct } from '../../../primitives';
import { produceRequestV6Fields } from '../v6/request';

export const produceRequestV7Fields = produceRequestV6Fields;

export const produceRequestV7 = struct(produceRequestV7Fields);
