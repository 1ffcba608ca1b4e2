export interface PricedLine {
  quantity: number;
  unitPriceCents: number;
}

// TODO: discounts, tax
export function calculateTotal(lines: PricedLine[]): number {
  let total = 0;
  for (const line of lines) {
    total += line.quantity * line.unitPriceCents;
  }
  return total;
}
