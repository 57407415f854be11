import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App.jsx';

createRoot(document.getElementById('root')).render(<App />);
