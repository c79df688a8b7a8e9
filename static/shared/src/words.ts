/** "1 build", "1,204 builds": a count with its noun, the count grouped as the viewer's locale writes it. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat().format(count)} ${count === 1 ? one : many}`;
}
