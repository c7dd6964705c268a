export const orderStatuses = ['PENDING', 'COMPLETED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export type PaymentStatus = 'PENDING' | 'COMPLETED' | 'FAILED';
export type StockStatus = 'PENDING' | 'RESERVED' | 'REJECTED';
