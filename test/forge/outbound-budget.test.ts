import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { FUNCTION_TIMEOUT_SECONDS, outboundBudget } from '../../src/forge/outbound-budget';

const manifestSchema = z.object({
  modules: z.object({ function: z.array(z.object({ key: z.string(), timeoutSeconds: z.number().optional() })) }),
});

describe('outbound budget, as Forge counts it', () => {
  test('given a function timeout, then the budget is 100 requests per started minute, less a tenth kept for retries', () => {
    expect(outboundBudget(25)).toBe(90);
    expect(outboundBudget(60)).toBe(90);
    expect(outboundBudget(61)).toBe(180);
    expect(outboundBudget(900)).toBe(1_350);
  });

  test('given manifest.yml, then each timeout the budgets are computed from is the one Forge will apply', () => {
    const manifest = manifestSchema.parse(load(readFileSync(path.join(__dirname, '..', '..', 'manifest.yml'), 'utf8')));
    for (const [key, seconds] of Object.entries(FUNCTION_TIMEOUT_SECONDS)) {
      expect(manifest.modules.function.find((f) => f.key === key)?.timeoutSeconds).toBe(seconds);
    }
  });
});
