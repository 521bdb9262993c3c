/** The analysis worker (headroom, N-1 sweep): serves createAnalysisApi() over comlink. */
import { expose } from 'comlink';
import { createAnalysisApi } from './analysisApi';

expose(createAnalysisApi());
