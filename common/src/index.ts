import './zod-config';
export * from './roles';
export * from './ids';
export * from './errors';
export * from './organisation';
export * from './auth';
export * from './audit';
export * from './person';
export * from './oidc';
