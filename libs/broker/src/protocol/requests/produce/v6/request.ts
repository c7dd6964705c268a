// Produce Request (Version: 6) => transactional_id acks timeout_ms [topic_data]
//   transactional_id => NULLABLE_STRING
//   acks => INT16
//   timeout_ms => INT32
//   topic_data => name [partition_data]
//     name => STRING
//     partition_data => index records
//       index => INT32
//       records => RECORDS

import { struct } from '../../../primitives';
import { produceRequestV5Fields } from '../v5/request';

export const produceRequestV6Fields = produceRequestV5Fields;

export const produceRequestV6 = struct(produceRequestV6Fields);
