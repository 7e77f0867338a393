import { createCdkApp } from './create-cdk-app.js';

// Entry point of `cdk synth` / `cdk deploy` (see cdk.json); settings come from cdk.json context.
createCdkApp();
