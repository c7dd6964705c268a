import type { DatabaseSchema } from '@fanout/persistence';
import { CreatePayments1764170000000 } from './migrations/1764170000000-create-payments';
import { AddPaymentRefunds1764180000000 } from './migrations/1764180000000-add-payment-refunds';
import { AddPaymentOrderCompletion1764300000000 } from './migrations/1764300000000-add-payment-order-completion';
import { Payment } from './payments/payment.entity';

/**
 * Payments' own tables and the migrations that make them, oldest first; the messaging tables
 * (outbox, processed events) come from the chassis.
 */
export const paymentsSchema: DatabaseSchema = {
  entities: [Payment],
  migrations: [
    CreatePayments1764170000000,
    AddPaymentRefunds1764180000000,
    AddPaymentOrderCompletion1764300000000,
  ],
};
