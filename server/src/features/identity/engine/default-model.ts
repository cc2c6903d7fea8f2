import type { Model } from './model';
import { emptyModel } from './train';

export const defaultModel: Model = emptyModel();
