//! Jembatan search
