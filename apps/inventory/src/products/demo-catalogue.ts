/** One product of the demo catalogue: its price is what orders charges for it. */
export interface DemoProduct {
  sku: string;
  name: string;
  unitPriceCents: number;
  available: number;
}

/**
 * The catalogue inventory seeds on its first start, so that orders can be placed right away.
 * SOLD-OUT-01 has no stock: an order for it is rejected and cancelled. MONITOR-01 is scarce, so a
 * burst of orders runs it out. The others have plenty. Six monitors (119400 cents) are more than
 * the simulated payment provider accepts.
 */
export const DEMO_CATALOGUE: ReadonlyArray<DemoProduct> = [
  { sku: 'KEYBOARD-01', name: 'Mechanical keyboard', unitPriceCents: 4999, available: 1000 },
  { sku: 'MOUSE-01', name: 'Wireless mouse', unitPriceCents: 2900, available: 1000 },
  { sku: 'CABLE-01', name: 'USB-C cable, 2 m', unitPriceCents: 900, available: 5000 },
  { sku: 'HEADSET-01', name: 'Noise-cancelling headset', unitPriceCents: 8900, available: 500 },
  { sku: 'MONITOR-01', name: '27-inch monitor', unitPriceCents: 19900, available: 50 },
  { sku: 'SOLD-OUT-01', name: 'Limited-edition vinyl', unitPriceCents: 2500, available: 0 },
];
