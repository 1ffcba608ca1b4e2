import { calculateTotal } from '../src/services/pricing';

describe('calculateTotal', () => {
  it('adds up the lines', () => {
    expect(calculateTotal([{ quantity: 2, unitPriceCents: 500 }])).toBe(1000);
  });
});
