// placeholder: replaced by the IO implementation
