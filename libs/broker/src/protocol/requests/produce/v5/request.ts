// Produce Request (Version: 5) => transactional_id acks timeout_ms [topic_data]
//   transactional_id => NULLABLE_STRING
//   acks => INT16
//   timeout_ms => INT32
//   topic_data => name [partition_data]
//     name => STRING
//     partition_data => index records
//       index => INT32
//       records => RECORDS

import { struct } from '../../../primitives';
import { produceRequestV4Fields } from '../v4/request';

export const produceRequestV5Fields = produceRequestV4Fields;

export const produceRequestV5 = struct(produceRequestV5Fields);
