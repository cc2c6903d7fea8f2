import { z } from 'zod';

// Messages a person can act on, for the cases the schemas do not word themselves.
z.config({
  customError: (issue) => {
    if (issue.input === undefined) return 'is required';
    if (issue.code === 'invalid_type')
      return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
    if (issue.code === 'unrecognized_keys') return `has unknown fields: ${issue.keys.join(', ')}`;
    return undefined;
  },
});
