/** The engine's Web Worker: serves createEngineApi() over comlink. */
import { expose } from 'comlink';
import { createEngineApi } from './engineApi';

expose(createEngineApi());
