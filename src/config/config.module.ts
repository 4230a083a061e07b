import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { EnvironmentVariables } from './environment.variables';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: EnvironmentVariables): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: env }],
      exports: [AppConfig],
    };
  }
}
