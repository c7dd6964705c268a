import { describeShortages, findShortages, mergeLines } from './stock-allocation';

describe('mergeLines', () => {
  it('adds up repeated SKUs and sorts by SKU', () => {
    expect(
      mergeLines([
        { sku: 'MOUSE-01', quantity: 1 },
        { sku: 'CABLE-01', quantity: 2 },
        { sku: 'MOUSE-01', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'CABLE-01', quantity: 2 },
      { sku: 'MOUSE-01', quantity: 4 },
    ]);
  });
});

describe('findShortages', () => {
  const available = new Map([
    ['CABLE-01', 5],
    ['SOLD-OUT-01', 0],
  ]);

  it('finds nothing short when every line fits, to the last unit', () => {
    expect(findShortages([{ sku: 'CABLE-01', quantity: 5 }], available)).toEqual([]);
  });

  it('reports lines beyond the stock and unknown SKUs', () => {
    expect(
      findShortages(
        [
          { sku: 'CABLE-01', quantity: 6 },
          { sku: 'NOPE-9', quantity: 1 },
          { sku: 'SOLD-OUT-01', quantity: 1 },
        ],
        available,
      ),
    ).toEqual([
      { sku: 'CABLE-01', requested: 6, available: 5 },
      { sku: 'NOPE-9', requested: 1, available: 0 },
      { sku: 'SOLD-OUT-01', requested: 1, available: 0 },
    ]);
  });
});

describe('describeShortages', () => {
  it('tells short stock from unknown SKUs', () => {
    const shortages = [
      { sku: 'SOLD-OUT-01', requested: 1, available: 0 },
      { sku: 'NOPE-9', requested: 1, available: 0 },
    ];

    expect(describeShortages(shortages, new Set(['SOLD-OUT-01']))).toBe(
      'out of stock: SOLD-OUT-01; unknown SKU: NOPE-9',
    );
  });
});
