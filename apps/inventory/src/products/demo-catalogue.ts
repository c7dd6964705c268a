/**
 * The catalogue inventory seeds on its first start, so that orders can be placed right away.
 * SOLD-OUT-01 has no stock: an order for it is rejected and cancelled. MONITOR-01 is scarce, so a
 * burst of orders runs it out. The others have plenty.
 */
export const DEMO_CATALOGUE: ReadonlyArray<{ sku: string; name: string; available: number }> = [
  { sku: 'KEYBOARD-01', name: 'Mechanical keyboard', available: 1000 },
  { sku: 'MOUSE-01', name: 'Wireless mouse', available: 1000 },
  { sku: 'CABLE-01', name: 'USB-C cable, 2 m', available: 5000 },
  { sku: 'HEADSET-01', name: 'Noise-cancelling headset', available: 500 },
  { sku: 'MONITOR-01', name: '27-inch monitor', available: 50 },
  { sku: 'SOLD-OUT-01', name: 'Limited-edition vinyl', available: 0 },
];
