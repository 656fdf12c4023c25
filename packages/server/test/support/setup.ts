import { afterEach, expect } from 'vitest';
import { eventSchemaViolations } from './socket.ts';

afterEach(() => {
  const violations = eventSchemaViolations.splice(0);
  expect(violations, 'events that do not match their protocol schema').toEqual([]);
});
