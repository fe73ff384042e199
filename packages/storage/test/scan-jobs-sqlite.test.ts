import { SqliteStore } from '../src/index.js';
import { scanJobsContract } from './scan-jobs-contract.js';

scanJobsContract('SQLite in memory', () => SqliteStore.open(':memory:'));
