import '../../shared/src/top-layer';
import { mountApp } from '../../shared/src/mount';
import { App } from './App';

mountApp(App);
